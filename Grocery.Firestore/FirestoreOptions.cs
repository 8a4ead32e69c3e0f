namespace Grocery.Firestore;

/// <summary>Bound from the "Firestore" configuration section.</summary>
public sealed class FirestoreOptions
{
    public const string SectionName = "Firestore";

    /// <summary>The Google Cloud project; the emulator accepts any id.</summary>
    public string ProjectId { get; set; } = "";

    public string DatabaseId { get; set; } = "(default)";

    /// <summary>host:port of an emulator; taken from FIRESTORE_EMULATOR_HOST when empty. No credentials are sent to it.</summary>
    public string EmulatorHost { get; set; } = "";

    public string Endpoint { get; set; } = "https://firestore.googleapis.com";

    /// <summary>Neither an emulator nor a project: the system runs without the live read model.</summary>
    public bool IsConfigured => EmulatorHost.Length > 0 || ProjectId.Length > 0;

    public string EffectiveProjectId => ProjectId.Length > 0 ? ProjectId : "grocery-local";

    /// <summary>projects/{project}/databases/{database}</summary>
    public string DatabaseName => $"projects/{EffectiveProjectId}/databases/{DatabaseId}";

    /// <summary>projects/{project}/databases/{database}/documents</summary>
    public string DocumentsRoot => $"{DatabaseName}/documents";
}

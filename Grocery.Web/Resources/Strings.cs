namespace Grocery.Web.Resources;

/// <summary>Marker for the storefront's texts: the English text is the key, Strings.vi.resx translates it.</summary>
public sealed class Strings;

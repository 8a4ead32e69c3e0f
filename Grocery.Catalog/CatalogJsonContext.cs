using System.Text.Json;
using System.Text.Json.Serialization;
using Grocery.Catalog.Apis;
using Grocery.Catalog.Reading;

namespace Grocery.Catalog;

/// <summary>Source-generated serialization for the cached responses (no reflection on the hot path).</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProductPage))]
[JsonSerializable(typeof(ProductDetail))]
[JsonSerializable(typeof(IReadOnlyList<ProductSummary>))]
[JsonSerializable(typeof(SearchResults))]
[JsonSerializable(typeof(Suggestions))]
[JsonSerializable(typeof(IReadOnlyList<CategoryTreeNode>))]
internal sealed partial class CatalogJsonContext : JsonSerializerContext;

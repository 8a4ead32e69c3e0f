using System.Text.Json;
using Grocery.Inventory.Apis;

namespace Grocery.Inventory.Tests;

/// <summary>POST /api/v1/reservations/{orderId}/substitutions: a picker's substitute, reserved atomically.</summary>
public sealed class SubstitutionTests(InventoryInfrastructure infrastructure) : InventoryTest(infrastructure)
{
    [Fact]
    public async Task Twenty_parallel_substitutions_for_five_units_reserve_exactly_five_and_never_oversell()
    {
        var warehouse = await NewWarehouseAsync();
        var (original, substitute) = (NewSku("ORIG"), NewSku("SUB"));
        await ReceiveAsync(warehouse, original, 20);
        await ReceiveAsync(warehouse, substitute, 5);
        var orders = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        foreach (var order in orders) await ReserveAsync(warehouse, order, new StockLine(original, 1));
        var picker = Picker(warehouse);

        var responses = await Task.WhenAll(orders.Select(order => Task.Run(() =>
            SubstituteAsync(picker, order, Guid.NewGuid().ToString(), new SubstitutionRequest(original, substitute, 1)), Ct)));

        Assert.Equal(5, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(15, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        foreach (var refused in responses.Where(r => r.StatusCode == HttpStatusCode.Conflict))
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var stock = await StockAsync(warehouse, substitute);
        Assert.Equal(5, stock.OnHand);
        Assert.Equal(5, stock.Reserved);
        Assert.Equal(20, (await StockAsync(warehouse, original)).Reserved);
        Assert.Equal(5, await ScalarAsync("SELECT count(*) FROM reservation_lines WHERE sku = @sku AND substitute_for = @original",
            ("sku", substitute), ("original", original)));
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task The_same_idempotency_key_answers_the_same_and_reserves_once_while_a_new_key_reserves_again()
    {
        var warehouse = await NewWarehouseAsync();
        var (original, substitute) = (NewSku("ORIG"), NewSku("SUB"));
        await ReceiveAsync(warehouse, original, 2);
        await ReceiveAsync(warehouse, substitute, 10);
        var order = Guid.NewGuid();
        await ReserveAsync(warehouse, order, new StockLine(original, 2));
        var picker = Picker(warehouse);
        var key = Guid.NewGuid().ToString();

        var first = await SubstituteAsync(picker, order, key, new SubstitutionRequest(original, substitute, 1.5m));
        var again = await SubstituteAsync(picker, order, key, new SubstitutionRequest(original, substitute, 1.5m));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var firstView = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var againView = await again.Content.ReadFromJsonAsync<JsonElement>(Ct);
        // The stored answer is jsonb (keys reordered): the same answer means the same content.
        Assert.Equal(Canonical(firstView), Canonical(againView));
        var line = firstView.GetProperty("lines").EnumerateArray().Single(l => l.GetProperty("sku").GetString() == substitute);
        Assert.Equal(1.5m, line.GetProperty("reserved").GetDecimal());
        Assert.Equal(1.5m, (await StockAsync(warehouse, substitute)).Reserved);
        Assert.Equal(2, (await StockAsync(warehouse, original)).Reserved);

        var another = await SubstituteAsync(picker, order, Guid.NewGuid().ToString(), new SubstitutionRequest(original, substitute, 1));
        Assert.Equal(HttpStatusCode.OK, another.StatusCode);
        Assert.Equal(2.5m, (await StockAsync(warehouse, substitute)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task A_picker_of_another_warehouse_is_forbidden_and_reserves_nothing()
    {
        var (warehouse, elsewhere) = (await NewWarehouseAsync(), await NewWarehouseAsync());
        var (original, substitute) = (NewSku("ORIG"), NewSku("SUB"));
        await ReceiveAsync(warehouse, original, 2);
        await ReceiveAsync(warehouse, substitute, 10);
        var order = Guid.NewGuid();
        await ReserveAsync(warehouse, order, new StockLine(original, 1));

        var foreign = await SubstituteAsync(Picker(elsewhere), order, Guid.NewGuid().ToString(), new SubstitutionRequest(original, substitute, 1));
        var customer = await SubstituteAsync(Customer(Guid.NewGuid()), order, Guid.NewGuid().ToString(), new SubstitutionRequest(original, substitute, 1));
        var service = await SubstituteAsync(Service(), order, Guid.NewGuid().ToString(), new SubstitutionRequest(original, substitute, 1));

        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("application/problem+json", foreign.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Forbidden, customer.StatusCode);
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        Assert.Equal(1, (await StockAsync(warehouse, substitute)).Reserved);
        await AssertLedgerBalancesAsync(warehouse);
    }

    [Fact]
    public async Task Unknown_inactive_and_malformed_substitutions_are_refused_with_problem_details()
    {
        var warehouse = await NewWarehouseAsync();
        var (original, substitute) = (NewSku("ORIG"), NewSku("SUB"));
        await ReceiveAsync(warehouse, original, 2);
        await ReceiveAsync(warehouse, substitute, 10);
        var (released, active) = (Guid.NewGuid(), Guid.NewGuid());
        await ReserveAsync(warehouse, released, new StockLine(original, 1));
        await ReserveAsync(warehouse, active, new StockLine(original, 1));
        await WithStockAsync(s => s.ReleaseAsync(released, "test", "cancelled", Ct));
        var picker = Picker(warehouse);

        var unknown = await SubstituteAsync(picker, Guid.NewGuid(), "k1", new SubstitutionRequest(original, substitute, 1));
        var inactive = await SubstituteAsync(picker, released, "k2", new SubstitutionRequest(original, substitute, 1));
        var noKey = await SubstituteAsync(picker, active, null, new SubstitutionRequest(original, substitute, 1));
        var notALine = await SubstituteAsync(picker, active, "k3", new SubstitutionRequest(NewSku("NONE"), substitute, 1));
        var bad = await SubstituteAsync(picker, active, "k4", new SubstitutionRequest(original, original, 0));

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, inactive.StatusCode);
        Assert.Equal("application/problem+json", inactive.Content.Headers.ContentType?.MediaType);
        await AssertFieldsAsync(noKey, "Idempotency-Key");
        await AssertFieldsAsync(notALine, "originalSku");
        await AssertFieldsAsync(bad, "quantity");
        Assert.Equal(0, (await StockAsync(warehouse, substitute)).Reserved);

        // A refusal keeps no answer under its key: once the reservation can take it, the same key reserves.
        var retried = await SubstituteAsync(picker, active, "k3", new SubstitutionRequest(original, substitute, 1));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        await AssertLedgerBalancesAsync(warehouse);
    }

    private static string Canonical(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => "{" + string.Join(",", e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => $"\"{p.Name}\":{Canonical(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", e.EnumerateArray().Select(Canonical)) + "]",
        JsonValueKind.Number => e.GetDecimal().ToString("G29", System.Globalization.CultureInfo.InvariantCulture),
        JsonValueKind.String when DateTimeOffset.TryParse(e.GetString(), System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.None, out var time) => time.ToUniversalTime().ToString("O"),
        _ => e.GetRawText(),
    };

    private async Task AssertFieldsAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }

    private static async Task<HttpResponseMessage> SubstituteAsync(HttpClient client, Guid orderId, string? key, SubstitutionRequest request)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/reservations/{orderId}/substitutions") { Content = JsonContent.Create(request) };
        if (key is not null) message.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(message, TestContext.Current.CancellationToken);
    }
}

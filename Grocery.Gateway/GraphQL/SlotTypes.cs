using GraphQL.Types;

namespace Grocery.Gateway.GraphQL;

public sealed class SlotType : ObjectGraphType<DeliverySlot>
{
    public SlotType()
    {
        Name = "Slot";
        Field(s => s.Id, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.ZoneId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(s => s.WindowStart);
        Field(s => s.WindowEnd);
        Field(s => s.LocalWindowStart).Description("The window's start on the zone's own clock.");
        Field(s => s.LocalWindowEnd);
        Field(s => s.CutoffAt).Description("Orders for this window close then.");
        Field(s => s.Remaining);
        Field(s => s.Fee);
        Field(s => s.IsPeak);
        Field(s => s.Available);
    }
}

public sealed class SlotHoldType : ObjectGraphType<DeliverySlotHold>
{
    public SlotHoldType()
    {
        Name = "SlotHold";
        Field(h => h.HoldId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(h => h.SlotId, type: typeof(NonNullGraphType<IdGraphType>));
        Field(h => h.ExpiresAt).Description("Check out before then, or hold a slot again.");
        Field(h => h.ReleasedSlotId, type: typeof(IdGraphType)).Description("The slot whose earlier hold this one replaced, if any.");
    }
}

public sealed class ShipmentType : ObjectGraphType<DeliveryShipment>
{
    public ShipmentType()
    {
        Name = "Shipment";
        Field(s => s.Carrier).Description("InHouse or the carrier booked for the order.");
        Field(s => s.TrackingNumber, nullable: true);
        Field(s => s.Status);
        Field(s => s.WindowStart);
        Field(s => s.WindowEnd);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ShipmentEventType>>>>("events").Description("Tracking events, oldest first.")
            .Resolve(context => context.Source.Timeline);
    }
}

public sealed class ShipmentEventType : ObjectGraphType<DeliveryShipmentEvent>
{
    public ShipmentEventType()
    {
        Name = "ShipmentEvent";
        Field(e => e.Status);
        Field(e => e.OccurredAt);
        Field(e => e.Description);
        Field(e => e.Source);
    }
}

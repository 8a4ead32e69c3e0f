using Confluent.Kafka;
using Grocery.Messaging.Outbox;

namespace Grocery.Messaging.Tests;

public sealed class ProduceRefusalTests
{
    [Theory]
    [InlineData(ErrorCode.MsgSizeTooLarge, true)]
    [InlineData(ErrorCode.InvalidMsg, true)]
    [InlineData(ErrorCode.InvalidRecord, true)]
    [InlineData(ErrorCode.TopicException, true)]
    [InlineData(ErrorCode.RecordListTooLarge, true)]
    [InlineData(ErrorCode.Local_ValueSerialization, true)]
    [InlineData(ErrorCode.Local_MsgTimedOut, false)]
    [InlineData(ErrorCode.Local_AllBrokersDown, false)]
    [InlineData(ErrorCode.Local_Transport, false)]
    [InlineData(ErrorCode.Local_QueueFull, false)]
    [InlineData(ErrorCode.Local_UnknownTopic, false)]
    [InlineData(ErrorCode.UnknownTopicOrPart, false)]
    [InlineData(ErrorCode.NotLeaderForPartition, false)]
    [InlineData(ErrorCode.RequestTimedOut, false)]
    [InlineData(ErrorCode.TopicAuthorizationFailed, false)]
    public void Only_refusals_of_the_message_itself_are_permanent(ErrorCode code, bool permanent)
    {
        var refusal = new ProduceException<string, byte[]>(new Error(code), new DeliveryResult<string, byte[]>());
        Assert.Equal(permanent, ProduceRefusal.IsPermanent(refusal));
        Assert.StartsWith($"{code} ({(int)code}): ", ProduceRefusal.Describe(refusal));
    }

    [Fact]
    public void A_fatal_producer_error_is_never_blamed_on_the_message()
    {
        var fatal = new ProduceException<string, byte[]>(new Error(ErrorCode.MsgSizeTooLarge, "fatal", isFatal: true), new DeliveryResult<string, byte[]>());
        Assert.False(ProduceRefusal.IsPermanent(fatal));
        Assert.False(ProduceRefusal.IsPermanent(new InvalidOperationException("no Kafka error")));
    }
}

using Confluent.Kafka;
using Confluent.Kafka.Admin;
using Grocery.Messaging.Topics;

namespace Grocery.Messaging.Kafka;

/// <summary>Creates every declared topic and its dead-letter topic before the relay and consumer start.</summary>
internal sealed class TopicProvisioner(EventBusOptions options, KafkaProducer producer, ILogger<TopicProvisioner> logger)
{
    public async Task EnsureTopicsAsync(CancellationToken cancellationToken)
    {
        if (options.TopicCreation == TopicCreationMode.None) return;
        var topics = options.Topics.Topics
            .SelectMany(t => new[] { (t.Name, t.Partitions), (t.DeadLetterTopic, 1) })
            .ToList();

        if (options.TopicCreation != TopicCreationMode.MetadataRequest)
        {
            try
            {
                if (options.TopicCreation == TopicCreationMode.AdminApi || await HasControllerAsync())
                {
                    await CreateWithAdminApiAsync(topics);
                    return;
                }
                logger.LogInformation("Cluster has no controller (development mock cluster); creating topics with metadata requests.");
            }
            catch (Exception e) when (options.TopicCreation == TopicCreationMode.Auto && e is KafkaException or CreateTopicsException)
            {
                logger.LogInformation("Cluster cannot create topics with the admin API ({Reason}); creating them with metadata requests.", e.Message);
            }
        }
        await CreateWithMetadataRequestsAsync(topics.Select(t => t.Item1).ToList(), cancellationToken);
    }

    // librdkafka's mock cluster has no controller, and CreateTopics would wait for one until it times out.
    private async Task<bool> HasControllerAsync()
    {
        using var admin = new DependentAdminClientBuilder(producer.Producer.Handle).Build();
        var cluster = await admin.DescribeClusterAsync(new DescribeClusterOptions { RequestTimeout = TimeSpan.FromSeconds(2) });
        return cluster.Controller is not null;
    }

    private async Task CreateWithAdminApiAsync(List<(string Name, int Partitions)> topics)
    {
        using var admin = new DependentAdminClientBuilder(producer.Producer.Handle).Build();
        try
        {
            await admin.CreateTopicsAsync(
                topics.Select(t => new TopicSpecification { Name = t.Name, NumPartitions = t.Partitions, ReplicationFactor = -1 }),
                new CreateTopicsOptions { RequestTimeout = TimeSpan.FromSeconds(15), OperationTimeout = TimeSpan.FromSeconds(15) });
        }
        catch (CreateTopicsException e) when (e.Results.All(r => r.Error.Code is ErrorCode.NoError or ErrorCode.TopicAlreadyExists))
        {
        }
        logger.LogInformation("Topics ensured with the admin API: {Topics}", string.Join(", ", topics.Select(t => t.Name)));
    }

    // The producer allows auto-creation, so a metadata request for a missing topic creates it.
    private async Task CreateWithMetadataRequestsAsync(List<string> topics, CancellationToken cancellationToken)
    {
        using var admin = new DependentAdminClientBuilder(producer.Producer.Handle).Build();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        foreach (var topic in topics)
        {
            while (true)
            {
                var metadata = admin.GetMetadata(topic, TimeSpan.FromSeconds(2));
                var found = metadata.Topics.FirstOrDefault(t => t.Topic == topic);
                if (found is { Error.Code: ErrorCode.NoError } && found.Partitions.Count > 0) break;
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"Topic '{topic}' was not created: {found?.Error.Reason ?? "no metadata"}.");
                await Task.Delay(100, cancellationToken);
            }
        }
        logger.LogInformation("Topics ensured with metadata requests: {Topics}", string.Join(", ", topics));
    }
}

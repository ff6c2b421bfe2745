using Google.Cloud.AIPlatform.V1;
using Google.Cloud.Language.V1;
using Google.Cloud.PubSub.V1;
using Google.Protobuf.WellKnownTypes;

namespace Shopco.Reviews;

/// <summary>Scores incoming reviews: sentiment (Natural Language API) and a toxicity classifier on an endpoint.</summary>
public sealed class ReviewWorker(ILogger<ReviewWorker> log, IConfiguration config) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var project = config["Gcp:Project"]!;
        var location = Environment.GetEnvironmentVariable("VERTEX_AI_LOCATION") ?? "us-central1";
        var language = await LanguageServiceClient.CreateAsync(stoppingToken);
        var prediction = new PredictionServiceClientBuilder
        {
            Endpoint = $"{location}-aiplatform.googleapis.com",
        }.Build();
        var endpoint = EndpointName.FromProjectLocationEndpoint(project, location, config["Gcp:ToxicityEndpointId"]!);

        var subscriber = await SubscriberClient.CreateAsync(SubscriptionName.FromProjectSubscription(project, "reviews-scoring"));
        await subscriber.StartAsync(async (msg, ct) =>
        {
            var text = msg.Data.ToStringUtf8();
            var sentiment = await language.AnalyzeSentimentAsync(Document.FromPlainText(text));
            var instance = Value.ForStruct(new Struct { Fields = { ["content"] = Value.ForString(text) } });
            var result = await prediction.PredictAsync(endpoint, new[] { instance }, null);
            log.LogInformation("review {Id}: sentiment {Score}, toxicity {Tox}", msg.MessageId, sentiment.DocumentSentiment.Score, result.Predictions[0]);
            return SubscriberClient.Reply.Ack;
        });
    }
}

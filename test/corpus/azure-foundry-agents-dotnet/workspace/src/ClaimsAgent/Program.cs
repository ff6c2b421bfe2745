using Azure.AI.OpenAI;
using Azure.Identity;
using Contoso.ClaimsAgent.Services;
using Polly;
using Polly.Retry;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
builder.Host.UseSerilog((ctx, cfg) => cfg.ReadFrom.Configuration(ctx.Configuration));

var credential = new DefaultAzureCredential();
var openAiEndpoint = builder.Configuration["AzureOpenAI:Endpoint"]
    ?? throw new InvalidOperationException("AzureOpenAI:Endpoint is not configured");

builder.Services.AddSingleton(new AzureOpenAIClient(new Uri(openAiEndpoint), credential));
builder.Services.AddSingleton<ClaimSummarizer>();
builder.Services.AddSingleton<TriageAgent>();

// Retries for transient failures of downstream calls (Polly resilience pipeline, not a cloud service).
builder.Services.AddResiliencePipeline("downstream", pipeline =>
{
    pipeline.AddRetry(new RetryStrategyOptions
    {
        MaxRetryAttempts = 3,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
    });
});

var app = builder.Build();

app.MapGet("/healthz", () => Results.Ok("ok"));

app.MapPost("/claims/{id}/summary", async (string id, ClaimRequest req, ClaimSummarizer summarizer, CancellationToken ct) =>
{
    var summary = await summarizer.SummarizeAsync(req.Text, ct);
    return Results.Ok(new { id, summary });
});

app.MapPost("/claims/{id}/triage", async (string id, ClaimRequest req, TriageAgent agent, CancellationToken ct) =>
{
    var decision = await agent.TriageAsync(id, req.Text, ct);
    return Results.Ok(decision);
});

app.Run();

public record ClaimRequest(string Text);

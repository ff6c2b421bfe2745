using Azure.AI.OpenAI;
using OpenAI.Chat;

namespace Contoso.ClaimsAgent.Services;

/// <summary>Summarises a claim description for the adjuster's queue.</summary>
public sealed class ClaimSummarizer
{
    private readonly ChatClient _chat;
    private readonly ILogger<ClaimSummarizer> _log;

    public ClaimSummarizer(AzureOpenAIClient client, IConfiguration config, ILogger<ClaimSummarizer> log)
    {
        var deployment = config["AzureOpenAI:Deployment"] ?? "gpt-4o";
        _chat = client.GetChatClient(deployment);
        _log = log;
    }

    public async Task<string> SummarizeAsync(string text, CancellationToken ct)
    {
        var messages = new List<ChatMessage>
        {
            new SystemChatMessage("Summarise the insurance claim in three bullet points. Keep amounts and dates exact."),
            new UserChatMessage(text),
        };
        var options = new ChatCompletionOptions { Temperature = 0.1f, MaxOutputTokenCount = 400 };
        ChatCompletion completion = await _chat.CompleteChatAsync(messages, options, ct);
        _log.LogInformation("summary used {Tokens} tokens", completion.Usage.TotalTokenCount);
        return completion.Content[0].Text;
    }
}

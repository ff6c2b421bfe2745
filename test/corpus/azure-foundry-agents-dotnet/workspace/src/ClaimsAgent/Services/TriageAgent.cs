using Azure;
using Azure.AI.Agents.Persistent;
using Azure.Identity;

namespace Contoso.ClaimsAgent.Services;

public sealed record TriageDecision(string ClaimId, string Queue, string Reason);

/// <summary>Runs the claims-triage agent hosted in the project.</summary>
public sealed class TriageAgent
{
    private readonly PersistentAgentsClient _agents;
    private readonly string _agentName;

    public TriageAgent(IConfiguration config)
    {
        var endpoint = config["Agents:ProjectEndpoint"]!;
        _agents = new PersistentAgentsClient(endpoint, new DefaultAzureCredential());
        _agentName = config["Agents:TriageAgentName"] ?? "claims-triage";
    }

    public async Task<TriageDecision> TriageAsync(string claimId, string text, CancellationToken ct)
    {
        PersistentAgent? agent = null;
        await foreach (var a in _agents.Administration.GetAgentsAsync(cancellationToken: ct))
        {
            if (a.Name == _agentName) { agent = a; break; }
        }
        if (agent is null) throw new InvalidOperationException($"agent {_agentName} not found");

        PersistentAgentThread thread = await _agents.Threads.CreateThreadAsync(cancellationToken: ct);
        await _agents.Messages.CreateMessageAsync(thread.Id, MessageRole.User, text, cancellationToken: ct);
        ThreadRun run = await _agents.Runs.CreateRunAsync(thread.Id, agent.Id, cancellationToken: ct);
        while (run.Status == RunStatus.Queued || run.Status == RunStatus.InProgress)
        {
            await Task.Delay(500, ct);
            run = await _agents.Runs.GetRunAsync(thread.Id, run.Id, ct);
        }
        var reply = "";
        await foreach (var m in _agents.Messages.GetMessagesAsync(thread.Id, order: ListSortOrder.Descending, cancellationToken: ct))
        {
            if (m.Role == MessageRole.Agent && m.ContentItems.FirstOrDefault() is MessageTextContent t) { reply = t.Text; break; }
        }
        var queue = reply.Contains("fraud", StringComparison.OrdinalIgnoreCase) ? "special-investigations" : "standard";
        return new TriageDecision(claimId, queue, reply);
    }
}

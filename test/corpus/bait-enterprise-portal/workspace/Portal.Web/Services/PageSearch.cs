using Azure.Search.Documents;
using Azure.Search.Documents.Models;
using OpenAI.Chat;

namespace Portal.Web.Services;

/// <summary>
/// Page search. Azure AI Search (formerly Azure Cognitive Search) for retrieval, the public
/// OpenAI API for the one-line answer on top of the results.
/// </summary>
public sealed class PageSearch(SearchClient search, ChatClient chat)
{
    public async Task<object> FindAsync(string query)
    {
        var options = new SearchOptions { Size = 5, QueryType = SearchQueryType.Semantic, SemanticSearch = new() { SemanticConfigurationName = "default" } };
        options.Select.Add("title");
        options.Select.Add("url");
        var hits = new List<(string Title, string Url)>();
        await foreach (var r in (await search.SearchAsync<SearchDocument>(query, options)).Value.GetResultsAsync())
        {
            hits.Add((r.Document["title"].ToString()!, r.Document["url"].ToString()!));
        }
        var answer = await chat.CompleteChatAsync($"In one sentence, which of these pages answers '{query}'? {string.Join("; ", hits.Select(h => h.Title))}");
        return new { answer = answer.Value.Content[0].Text, hits };
    }
}

using Azure.Identity;
using Azure.Search.Documents;
using Azure.Storage.Blobs;
using Microsoft.Identity.Web;
using OpenAI.Chat;
using Polly;
using Portal.Web.Services;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddMicrosoftIdentityWebAppAuthentication(builder.Configuration, "AzureAd");
var credential = new DefaultAzureCredential();

builder.Services.AddSingleton(new SearchClient(
    new Uri(builder.Configuration["Search:Endpoint"]!), builder.Configuration["Search:Index"], credential));
builder.Services.AddSingleton(new BlobServiceClient(new Uri(builder.Configuration["Storage:BlobEndpoint"]!), credential));
builder.Services.AddSingleton(new ChatClient(builder.Configuration["OpenAI:Model"], Environment.GetEnvironmentVariable("OPENAI_API_KEY")));
builder.Services.AddSingleton<PageSearch>();

// Was: new AzureOpenAIClient(new Uri("https://portal-oai.openai.azure.com/"), credential)
// builder.Services.AddSingleton(new AzureOpenAIClient(new Uri(builder.Configuration["AzureOpenAI:Endpoint"]!), credential));

builder.Services.AddResiliencePipeline("search", p => p.AddTimeout(TimeSpan.FromSeconds(5)));

var app = builder.Build();
app.MapGet("/search", async (string q, PageSearch s) => Results.Ok(await s.FindAsync(q)));
app.Run();

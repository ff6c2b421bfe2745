package com.contoso.hr;

import com.azure.ai.openai.OpenAIClient;
import com.azure.ai.openai.OpenAIClientBuilder;
import com.azure.ai.openai.models.EmbeddingItem;
import com.azure.ai.openai.models.EmbeddingsOptions;
import com.azure.identity.DefaultAzureCredentialBuilder;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Re-embeds changed policy sections every night (direct SDK use: batch sizes the starter does not expose). */
@Component
public class EmbeddingIndexer {

    private final OpenAIClient client;
    private final PolicyRepository policies;

    public EmbeddingIndexer(@Value("${spring.ai.azure.openai.endpoint}") String endpoint, PolicyRepository policies) {
        this.client = new OpenAIClientBuilder()
                .endpoint(endpoint)
                .credential(new DefaultAzureCredentialBuilder().build())
                .buildClient();
        this.policies = policies;
    }

    @Scheduled(cron = "0 30 2 * * *")
    public void reindex() {
        var changed = policies.changedSince(policies.lastIndexed());
        for (int i = 0; i < changed.size(); i += 64) {
            var batch = changed.subList(i, Math.min(i + 64, changed.size()));
            var options = new EmbeddingsOptions(batch.stream().map(PolicyRepository.Section::body).toList());
            List<EmbeddingItem> items = client.getEmbeddings("text-embedding-3-small", options).getData();
            for (int j = 0; j < items.size(); j++) {
                policies.saveEmbedding(batch.get(j).id(), items.get(j).getEmbedding());
            }
        }
    }
}

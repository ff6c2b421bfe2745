package io.acme.embedder;

import java.util.List;
import org.springframework.ai.document.Document;
import org.springframework.ai.vectorstore.VectorStore;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class EmbedController {

    private final VectorStore store;

    public EmbedController(VectorStore store) {
        this.store = store;
    }

    public record Doc(String id, String text) {}

    @PostMapping("/documents")
    public int add(@RequestBody List<Doc> docs) {
        store.add(docs.stream().map(d -> new Document(d.id(), d.text(), java.util.Map.of())).toList());
        return docs.size();
    }
}

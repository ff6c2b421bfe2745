package com.shopco.catalog;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.stereotype.Service;

/** Product descriptions through Spring AI's portable ChatClient (the model is set in config). */
@Service
public class DescriptionWriter {

    private final ChatClient chat;

    public DescriptionWriter(ChatClient.Builder builder) {
        this.chat = builder.defaultSystem("Write product descriptions for an online shop: 60 words, no superlatives.").build();
    }

    public String describe(String name, String attributes) {
        return chat.prompt().user("Product: " + name + "\nAttributes: " + attributes).call().content();
    }
}

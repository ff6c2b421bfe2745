package com.contoso.hr;

import org.springframework.ai.chat.client.ChatClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class PolicyController {

    private final ChatClient chat;
    private final PolicyRepository policies;

    public PolicyController(ChatClient.Builder builder, PolicyRepository policies) {
        this.chat = builder
                .defaultSystem("You answer questions about Contoso HR policies. Quote the policy section you rely on.")
                .build();
        this.policies = policies;
    }

    public record Question(String text, String country) {}

    public record Answer(String text, String section) {}

    @PostMapping("/ask")
    public Answer ask(@RequestBody Question q) {
        var section = policies.bestMatch(q.text(), q.country());
        var text = chat.prompt()
                .user(u -> u.text("Policy:\n{policy}\n\nQuestion: {q}").param("policy", section.body()).param("q", q.text()))
                .call()
                .content();
        return new Answer(text, section.title());
    }
}

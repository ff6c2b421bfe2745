package com.contoso.hr;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class PolicyRepository {

    public record Section(long id, String title, String body) {}

    private final JdbcClient jdbc;

    public PolicyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Section bestMatch(String text, String country) {
        return jdbc.sql("select id, title, body from policy_section where country = ? order by ts_rank(tsv, plainto_tsquery(?)) desc limit 1")
                .params(country, text)
                .query(Section.class)
                .single();
    }

    public Instant lastIndexed() {
        return jdbc.sql("select coalesce(max(indexed_at), 'epoch') from policy_section").query(Instant.class).single();
    }

    public List<Section> changedSince(Instant since) {
        return jdbc.sql("select id, title, body from policy_section where updated_at > ?").params(since).query(Section.class).list();
    }

    public void saveEmbedding(long id, List<Float> embedding) {
        jdbc.sql("update policy_section set embedding = ?::vector, indexed_at = now() where id = ?").params(embedding.toString(), id).update();
    }
}

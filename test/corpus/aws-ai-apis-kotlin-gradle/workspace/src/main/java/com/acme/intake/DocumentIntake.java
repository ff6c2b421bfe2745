package com.acme.intake;

import java.util.List;
import java.util.stream.Collectors;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.comprehend.ComprehendClient;
import software.amazon.awssdk.services.comprehend.model.DetectPiiEntitiesRequest;
import software.amazon.awssdk.services.textract.TextractClient;
import software.amazon.awssdk.services.textract.model.AnalyzeDocumentRequest;
import software.amazon.awssdk.services.textract.model.Block;
import software.amazon.awssdk.services.textract.model.BlockType;
import software.amazon.awssdk.services.textract.model.Document;
import software.amazon.awssdk.services.textract.model.FeatureType;
import software.amazon.awssdk.services.textract.model.S3Object;

/** Reads uploaded forms: text and key-value pairs, then PII detection before anything is stored. */
@Service
public class DocumentIntake {

    private final TextractClient textract;
    private final ComprehendClient comprehend;

    public DocumentIntake(TextractClient textract, ComprehendClient comprehend) {
        this.textract = textract;
        this.comprehend = comprehend;
    }

    public IntakeResult read(String bucket, String key) {
        var request = AnalyzeDocumentRequest.builder()
                .document(Document.builder().s3Object(S3Object.builder().bucket(bucket).name(key).build()).build())
                .featureTypes(FeatureType.FORMS)
                .build();
        List<Block> blocks = textract.analyzeDocument(request).blocks();
        String text = blocks.stream()
                .filter(b -> b.blockType() == BlockType.LINE)
                .map(Block::text)
                .collect(Collectors.joining("\n"));
        var pii = comprehend.detectPiiEntities(DetectPiiEntitiesRequest.builder().text(text).languageCode("en").build());
        var types = pii.entities().stream().map(e -> e.typeAsString()).distinct().toList();
        return new IntakeResult(key, text.length(), types);
    }

    public record IntakeResult(String key, int characters, List<String> piiTypes) {}
}

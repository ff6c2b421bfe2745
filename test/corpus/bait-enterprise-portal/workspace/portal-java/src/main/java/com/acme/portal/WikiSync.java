package com.acme.portal;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kendra.KendraClient;
import software.amazon.awssdk.services.kendra.model.BatchPutDocumentRequest;
import software.amazon.awssdk.services.kendra.model.Document;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Copies wiki pages into the Kendra index and archives them in S3.
 * (A Bedrock knowledge base was evaluated and rejected; see ADR-014.)
 */
public class WikiSync {

    private final KendraClient kendra = KendraClient.create();
    private final S3Client s3 = S3Client.create();
    private final String indexId = System.getenv("KENDRA_INDEX_ID");

    public void sync(String pageId, String title, String html) {
        kendra.batchPutDocument(BatchPutDocumentRequest.builder()
                .indexId(indexId)
                .documents(Document.builder().id(pageId).title(title)
                        .blob(software.amazon.awssdk.core.SdkBytes.fromUtf8String(html)).build())
                .build());
        s3.putObject(PutObjectRequest.builder().bucket("portal-wiki-archive").key(pageId + ".html").build(),
                RequestBody.fromString(html));
    }

    /** Graph of linked pages; a vertex per page. */
    static int vertexCount(java.util.Map<String, java.util.List<String>> links) {
        return links.size();
    }
}

package com.shopco.catalog;

import com.google.cloud.vertexai.VertexAI;
import com.google.cloud.vertexai.api.GenerateContentResponse;
import com.google.cloud.vertexai.generativeai.ContentMaker;
import com.google.cloud.vertexai.generativeai.GenerativeModel;
import com.google.cloud.vertexai.generativeai.PartMaker;
import com.google.cloud.vertexai.generativeai.ResponseHandler;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/** Tags product photos with colours and materials (multimodal call, direct SDK). */
@Service
public class ImageTagger implements AutoCloseable {

    private final VertexAI vertex;
    private final GenerativeModel model;

    public ImageTagger(@Value("${spring.ai.vertex.ai.gemini.project-id}") String project,
                       @Value("${catalog.vertex.location:us-central1}") String location) {
        this.vertex = new VertexAI(project, location);
        this.model = new GenerativeModel("gemini-2.0-flash-001", vertex);
    }

    public String tags(String gcsUri) throws IOException {
        GenerateContentResponse response = model.generateContent(ContentMaker.fromMultiModalData(
                "List the colours and materials of the product in this photo, comma separated.",
                PartMaker.fromMimeTypeAndData("image/jpeg", gcsUri)));
        return ResponseHandler.getText(response);
    }

    @Override
    public void close() {
        vertex.close();
    }
}

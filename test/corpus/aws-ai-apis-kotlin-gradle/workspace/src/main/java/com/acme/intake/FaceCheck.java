package com.acme.intake;

import org.springframework.stereotype.Service;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.rekognition.model.CompareFacesRequest;
import software.amazon.awssdk.services.rekognition.model.Image;

/** Compares the ID photo with the selfie taken at sign-up. */
@Service
public class FaceCheck {

    private final RekognitionClient rekognition;

    public FaceCheck(RekognitionClient rekognition) {
        this.rekognition = rekognition;
    }

    public boolean sameFace(byte[] idPhoto, byte[] selfie) {
        var result = rekognition.compareFaces(CompareFacesRequest.builder()
                .sourceImage(Image.builder().bytes(SdkBytes.fromByteArray(idPhoto)).build())
                .targetImage(Image.builder().bytes(SdkBytes.fromByteArray(selfie)).build())
                .similarityThreshold(90f)
                .build());
        return !result.faceMatches().isEmpty();
    }
}

package com.acme.intake;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.comprehend.ComprehendClient;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.rekognition.RekognitionClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.textract.TextractClient;
import software.amazon.awssdk.services.translate.TranslateClient;

@Configuration
public class AwsClients {

    private final Region region;

    public AwsClients(@Value("${intake.aws.region:eu-west-1}") String region) {
        this.region = Region.of(region);
    }

    @Bean
    TextractClient textract() {
        return TextractClient.builder().region(region).build();
    }

    @Bean
    ComprehendClient comprehend() {
        return ComprehendClient.builder().region(region).build();
    }

    @Bean
    RekognitionClient rekognition() {
        return RekognitionClient.builder().region(region).build();
    }

    @Bean
    TranslateClient translate() {
        return TranslateClient.builder().region(region).build();
    }

    @Bean
    PollyClient polly() {
        return PollyClient.builder().region(region).build();
    }

    @Bean
    S3Client s3() {
        return S3Client.builder().region(region).build();
    }
}

package com.acme.intake;

import java.io.InputStream;
import org.springframework.stereotype.Service;
import software.amazon.awssdk.services.polly.PollyClient;
import software.amazon.awssdk.services.polly.model.OutputFormat;
import software.amazon.awssdk.services.polly.model.SynthesizeSpeechRequest;
import software.amazon.awssdk.services.polly.model.VoiceId;
import software.amazon.awssdk.services.translate.TranslateClient;
import software.amazon.awssdk.services.translate.model.TranslateTextRequest;

/** Spoken and translated versions of confirmation letters. */
@Service
public class Accessibility {

    private final PollyClient polly;
    private final TranslateClient translate;

    public Accessibility(PollyClient polly, TranslateClient translate) {
        this.polly = polly;
        this.translate = translate;
    }

    public String translated(String text, String targetLanguage) {
        return translate.translateText(TranslateTextRequest.builder()
                .text(text)
                .sourceLanguageCode("en")
                .targetLanguageCode(targetLanguage)
                .build()).translatedText();
    }

    public InputStream spoken(String text) {
        return polly.synthesizeSpeech(SynthesizeSpeechRequest.builder()
                .text(text)
                .voiceId(VoiceId.JOANNA)
                .outputFormat(OutputFormat.MP3)
                .build());
    }
}

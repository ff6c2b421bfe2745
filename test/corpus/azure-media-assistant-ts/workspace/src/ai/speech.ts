import * as sdk from 'microsoft-cognitiveservices-speech-sdk';
import { readFileSync } from 'node:fs';

const speechKey = process.env.AZURE_SPEECH_KEY ?? '';
const speechRegion = process.env.AZURE_SPEECH_REGION ?? 'westeurope';

/** Transcribe a WAV file (16 kHz mono) in one shot. */
export function transcribe(path: string, language = 'en-US'): Promise<string> {
  const config = sdk.SpeechConfig.fromSubscription(speechKey, speechRegion);
  config.speechRecognitionLanguage = language;
  const audio = sdk.AudioConfig.fromWavFileInput(readFileSync(path));
  const recognizer = new sdk.SpeechRecognizer(config, audio);
  return new Promise((resolve, reject) => {
    const parts: string[] = [];
    recognizer.recognized = (_s, e) => {
      if (e.result.reason === sdk.ResultReason.RecognizedSpeech) parts.push(e.result.text);
    };
    recognizer.canceled = (_s, e) => {
      recognizer.close();
      if (e.reason === sdk.CancellationReason.Error) reject(new Error(e.errorDetails));
      else resolve(parts.join(' '));
    };
    recognizer.sessionStopped = () => {
      recognizer.close();
      resolve(parts.join(' '));
    };
    recognizer.startContinuousRecognitionAsync();
  });
}

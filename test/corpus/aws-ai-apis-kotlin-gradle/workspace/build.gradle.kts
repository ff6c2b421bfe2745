plugins {
    java
    id("org.springframework.boot") version "3.4.0"
    id("io.spring.dependency-management") version "1.1.6"
}

group = "com.acme"
version = "4.0.2"

java {
    toolchain {
        languageVersion = JavaLanguageVersion.of(21)
    }
}

repositories {
    mavenCentral()
}

dependencies {
    implementation(platform("software.amazon.awssdk:bom:2.29.29"))
    implementation("org.springframework.boot:spring-boot-starter-web")
    implementation("software.amazon.awssdk:textract")
    implementation("software.amazon.awssdk:comprehend")
    implementation("software.amazon.awssdk:rekognition")
    implementation("software.amazon.awssdk:translate")
    implementation("software.amazon.awssdk:polly")
    implementation("software.amazon.awssdk:transcribe")
    implementation("software.amazon.awssdk:s3")
    implementation("software.amazon.awssdk:sqs")
    testImplementation("org.springframework.boot:spring-boot-starter-test")
}

tasks.test {
    useJUnitPlatform()
}

package com.contoso.hr;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class PolicyAssistantApplication {
    public static void main(String[] args) {
        SpringApplication.run(PolicyAssistantApplication.class, args);
    }
}

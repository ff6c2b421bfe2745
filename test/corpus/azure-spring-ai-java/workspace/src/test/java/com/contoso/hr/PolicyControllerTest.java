package com.contoso.hr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PolicyControllerTest {

    @Test
    void answerKeepsSection() {
        var a = new PolicyController.Answer("You get 25 days.", "4.2 Annual leave");
        assertThat(a.section()).isEqualTo("4.2 Annual leave");
    }
}

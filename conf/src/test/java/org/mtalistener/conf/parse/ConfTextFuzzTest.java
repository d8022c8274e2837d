package org.mtalistener.conf.parse;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/** Any bytes as a conf file in either syntax or a mix; seeds: the example files of both syntaxes. */
class ConfTextFuzzTest {

    @FuzzTest
    void anyTextGivesATreeThatPrintsBackOrPositionedErrors(byte[] input) throws ConfException {
        ConfText.check(new String(input, StandardCharsets.UTF_8));
    }
}

package org.mtalistener.conf.parse;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes as the entries of a Momentum 2.x listener list, {@code Esmtp_Listener = ( ... )}, so that the fuzzer
 * spends its time in the 2.x translation (addresses, suffixes, attributes, ACLs) rather than finding its way in.
 */
class LegacyListenerFuzzTest {

    @FuzzTest
    void anyListEntriesTranslateToATreeThatPrintsBackOrPositionedErrors(byte[] input) throws ConfException {
        ConfText.check("Esmtp_Listener = ( " + new String(input, StandardCharsets.UTF_8) + " )\n");
    }
}

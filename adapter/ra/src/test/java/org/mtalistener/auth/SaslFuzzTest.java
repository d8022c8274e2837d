package org.mtalistener.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Any client responses to any of the four mechanisms, against a store that knows one user ({@code tim}): no
 * exception, at most as many challenges as the mechanism has steps, and success only with tim's password proved.
 *
 * <p>The input is {@code MECHANISM[=initial response]}, then each response on a line of its own, as raw bytes (the
 * session has base64-decoded them). For CRAM-MD5 {@value #HMAC} in a response stands for the right HMAC of the
 * challenge, and for DIGEST-MD5 {@value #NONCE} for the challenge's nonce, so the fuzzer can get past what it cannot
 * guess.
 */
class SaslFuzzTest {

    private static final String USER = "tim";
    private static final String PASSWORD = "tanstaaftanstaaf";
    private static final String HMAC = "{hmac}";
    private static final String NONCE = "{nonce}";
    /** How many challenges each mechanism sends at most: PLAIN's empty one, Username: and Password:, ... */
    private static final Map<Mechanism, Integer> STEPS = Map.of(Mechanism.PLAIN, 1, Mechanism.LOGIN, 2,
            Mechanism.CRAM_MD5, 1, Mechanism.DIGEST_MD5, 2);
    private static final Credentials CREDENTIALS = credentials();

    private static Credentials credentials() {
        try {
            Path file = Files.createTempFile("sasl-fuzz", ".passwd");
            file.toFile().deleteOnExit();
            Files.writeString(file, USER + ":" + PASSWORD + "\n");
            return new Credentials(PasswordStore.load("file://" + file), null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @FuzzTest
    void succeedsOnlyWithThePasswordProved(byte[] input) {
        List<byte[]> lines = split(input);
        String first = new String(lines.get(0), StandardCharsets.ISO_8859_1);
        int equals = first.indexOf('=');
        Mechanism mechanism = Mechanism.find(equals < 0 ? first : first.substring(0, equals));
        if (mechanism == null) {
            return;
        }
        byte[] initial = equals < 0 ? null : Arrays.copyOfRange(lines.get(0), equals + 1, lines.get(0).length);
        SaslExchange exchange = mechanism.exchange(CREDENTIALS, "mx.example.com");
        SaslStep step = exchange.start(initial);
        List<byte[]> responses = new ArrayList<>(lines.subList(1, lines.size()));
        if (initial != null) {
            responses.add(0, initial);
        }
        int challenges = 0;
        byte[] challenge = null;
        int answered = initial != null ? 1 : 0;
        while (step instanceof SaslStep.Challenge next && answered < responses.size()) {
            challenges++;
            challenge = next.data();
            assertNotNull(challenge, "challenge data");
            step = exchange.next(filledIn(responses.get(answered++), mechanism, challenge));
        }
        if (step instanceof SaslStep.Challenge) {
            challenges++;
        }
        assertTrue(challenges <= STEPS.get(mechanism), challenges + " challenges from " + mechanism);
        if (step instanceof SaslStep.Success success) {
            assertEquals(USER, success.user());
            assertProved(mechanism, responses.subList(0, answered), challenge);
        }
    }

    /** The responses that won must be ones that prove tim's password. */
    private static void assertProved(Mechanism mechanism, List<byte[]> responses, byte[] lastChallenge) {
        List<String> texts = responses.stream().map(r -> new String(r, StandardCharsets.UTF_8)).toList();
        switch (mechanism) {
            case PLAIN -> assertTrue(Set.of("\0" + USER + "\0" + PASSWORD, USER + "\0" + USER + "\0" + PASSWORD)
                    .contains(texts.get(0)), texts.get(0));
            case LOGIN -> assertEquals(List.of(USER, PASSWORD), texts);
            case CRAM_MD5 -> assertEquals(USER + " " + hmac(lastChallenge),
                    new String(filledIn(responses.get(0), mechanism, lastChallenge), StandardCharsets.UTF_8)
                            .toLowerCase(Locale.ROOT));
            // the response value hashes the nonce, which the fuzzer never sees
            case DIGEST_MD5 -> throw new AssertionError("DIGEST-MD5 succeeded without the password: " + texts);
        }
    }

    private static byte[] filledIn(byte[] response, Mechanism mechanism, byte[] challenge) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        if (mechanism == Mechanism.CRAM_MD5) {
            text = text.replace(HMAC, hmac(challenge));
        } else if (mechanism == Mechanism.DIGEST_MD5) {
            String challengeText = new String(challenge, StandardCharsets.ISO_8859_1);
            int nonce = challengeText.indexOf("nonce=\"") + 7;
            text = text.replace(NONCE, challengeText.substring(nonce, challengeText.indexOf('"', nonce)));
        }
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hmac(byte[] challenge) {
        return HexFormat.of().formatHex(CramMd5.hmacMd5(PASSWORD.getBytes(StandardCharsets.US_ASCII), challenge));
    }

    private static List<byte[]> split(byte[] input) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= input.length; i++) {
            if (i == input.length || input[i] == '\n') {
                lines.add(Arrays.copyOfRange(input, start, i));
                start = i + 1;
            }
        }
        return lines;
    }
}

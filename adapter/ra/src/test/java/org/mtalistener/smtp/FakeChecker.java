package org.mtalistener.smtp;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mtalistener.api.RecipientCheck;
import org.mtalistener.delivery.RecipientChecker;
import org.mtalistener.delivery.RecipientVerdict;

/** Records every recipient put to the MDB's check and leaves the verdict to the test. */
final class FakeChecker implements RecipientChecker {

    record Check(RecipientCheck question, CompletableFuture<RecipientVerdict> verdict) {
    }

    final List<Check> checks = new ArrayList<>();
    /** Thrown by check() instead of checking, if set. */
    RuntimeException failOnCheck;

    @Override
    public CompletionStage<RecipientVerdict> check(RecipientCheck recipient) {
        if (failOnCheck != null) {
            throw failOnCheck;
        }
        Check check = new Check(recipient, new CompletableFuture<>());
        checks.add(check);
        return check.verdict();
    }
}

package org.mtalistener.auth;

import java.util.Objects;

/**
 * What one mechanism checks passwords against: the store of its {@code Auth*Parameters} and their {@code realm}.
 *
 * @param store the password store of {@code uri}
 * @param realm the {@code realm} parameter; null: any realm of a digest store's line for the user
 */
public record Credentials(PasswordStore store, String realm) {

    public Credentials {
        Objects.requireNonNull(store, "store");
    }
}

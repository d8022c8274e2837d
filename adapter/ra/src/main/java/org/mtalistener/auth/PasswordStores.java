package org.mtalistener.auth;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The password stores of one activation, by uri: each read once, when the activation validates, so no session
 * touches a file. A store several mechanisms or Peers name is read once.
 */
public final class PasswordStores {

    private final Map<String, PasswordStore> byUri = new HashMap<>();

    /** Reads the store of {@code uri} unless it was read already. */
    public PasswordStore load(String uri) throws IOException {
        PasswordStore store = byUri.get(uri);
        if (store == null) {
            store = PasswordStore.load(uri);
            byUri.put(uri, store);
        }
        return store;
    }

    /** The store read for {@code uri}; the activation loaded every uri a client can meet. */
    public PasswordStore get(String uri) {
        PasswordStore store = byUri.get(uri);
        if (store == null) {
            throw new IllegalStateException("password store " + uri + " was not loaded with the activation");
        }
        return store;
    }
}

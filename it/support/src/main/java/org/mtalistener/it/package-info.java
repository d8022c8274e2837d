/**
 * What the container tests of every server share: raw SMTP clients, the test messages and the Maildir they land in
 * and the recipient-check scenario and its MDB (the test certificates come from test-pki).
 * It depends on {@code api} and the sample MDB; only the {@code it} modules use it.
 */
package org.mtalistener.it;

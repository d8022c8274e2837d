/**
 * The sample application: an MDB that stores every message in a Maildir, and one that adds console commands.
 * It depends on {@code api} only, as any application of the adapter would.
 */
package org.mtalistener.sample;

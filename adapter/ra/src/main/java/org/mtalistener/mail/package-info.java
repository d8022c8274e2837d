/**
 * The vocabulary every mail protocol speaks: a {@code Reply} (code, enhanced code, text), the replies to a finished
 * delivery ({@code DeliveryReplies}), the {@code Received:} header and RFC 5322 dates. SMTP's own reply table stays
 * in {@code smtp}, ECStream's in {@code ecstream}.
 * It depends on {@code delivery} only; the protocols and {@code ra} use it.
 */
package org.mtalistener.mail;

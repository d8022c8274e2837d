/**
 * The forwarding sample: an MDB that hands each message to a JMS queue in the delivery's transaction. It depends on
 * {@code api} and Jakarta Messaging only.
 */
package org.mtalistener.forwarding;

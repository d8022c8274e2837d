package org.mtalistener.conf.model;

import org.mtalistener.conf.parse.Position;
import org.mtalistener.conf.values.Cidr;

/** {@code Peer "10.0.0.0/16" { ... }}: options for the clients in one address block. */
public record PeerScope(Cidr block, OptionSet options, Position position) {
}

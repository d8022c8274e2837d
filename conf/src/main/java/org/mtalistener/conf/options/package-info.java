/**
 * The option registry: every listener option once, with its type, default, the scopes it is valid in, its meaning
 * and how the adapter honours it. Validation, "did you mean", the ActivationSpec properties, {@code show} and the
 * table in docs/conf.md all read it.
 * It depends on {@code conf.values} only.
 */
package org.mtalistener.conf.options;

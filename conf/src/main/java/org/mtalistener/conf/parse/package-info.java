/**
 * The syntax layer of {@code ecelerity.conf}: reads both Momentum syntaxes into one tree whose every node knows its
 * file, line and column, and prints a tree back as Momentum 4 text.
 *
 * <ul>
 *   <li>{@link org.mtalistener.conf.parse.ConfParser} reads a file (or text standing for one), following
 *       {@code include} and {@code readonly_include}, and translating Momentum 2.x listener lists
 *       ({@code Esmtp_Listener = ( *:25 [ ... ] )}) into the scopes they stand for;</li>
 *   <li>the tree: {@link org.mtalistener.conf.parse.ConfFile} (the global scope),
 *       {@link org.mtalistener.conf.parse.Scope}, {@link org.mtalistener.conf.parse.Option} and
 *       {@link org.mtalistener.conf.parse.Value} (text, array, dictionary), each with a
 *       {@link org.mtalistener.conf.parse.Position}. Equality ignores positions and the case of names, so a 2.x file
 *       equals its Momentum 4 equivalent;</li>
 *   <li>{@link org.mtalistener.conf.parse.ConfPrinter} writes the canonical Momentum 4 text, which reads back to an
 *       equal tree;</li>
 *   <li>{@link org.mtalistener.conf.parse.ConfException} carries every problem found, each as
 *       {@code file:line:column: what was expected, got "what was there"}.</li>
 * </ul>
 *
 * <p>It knows no option: which options exist, where they are valid and what their values mean is the option
 * registry's business, and scope fallback is the model's. The only meaning it checks is that {@code Listen} and
 * {@code Peer} instances inside a listener are listen addresses and CIDR blocks, read by {@code conf.values}, the
 * one package it depends on.
 *
 * <p>Where Momentum's documents leave the syntax open, the choices are documented where they are made: the tokens
 * and escapes in {@code Lexer}, the grammar in {@code ScopeParser}, includes in {@code Includes}, the 2.x
 * translation in {@code LegacyListener} and {@code LegacyAcl}.
 */
package org.mtalistener.conf.parse;

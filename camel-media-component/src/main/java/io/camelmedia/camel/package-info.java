/**
 * The Camel layer: components, endpoints, consumers, producers, headers and type converters.
 * The only package of Camel Media that imports org.apache.camel; it stays thin and delegates to
 * {@code protocol}, {@code process} and {@code hub}.
 */
package io.camelmedia.camel;

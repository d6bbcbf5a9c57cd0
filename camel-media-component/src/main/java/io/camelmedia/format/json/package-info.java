/** JSON text written by hand (no JSON library in the component): string quoting. */
package io.camelmedia.format.json;

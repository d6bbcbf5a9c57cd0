/** The live stream registry: which paths are live, who publishes them, who may publish or read. */
package io.camelmedia.hub;

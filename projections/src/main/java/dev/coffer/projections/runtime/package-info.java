/** Running the projections: typed configuration, the service and its main. */
package dev.coffer.projections.runtime;

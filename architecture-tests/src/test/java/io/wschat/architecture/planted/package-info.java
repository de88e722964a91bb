/**
 * Violations planted on purpose, one per rule of {@link io.wschat.architecture.ModuleRules}, laid out as the real
 * modules are but under this package. The real rules never see them (they are test classes of this module);
 * {@link io.wschat.architecture.PlantedViolationsTest} checks that each rule reports its plant.
 */
package io.wschat.architecture.planted;

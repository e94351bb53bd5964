package dev.plugboard.registry.taxonomy;

import org.springframework.data.jpa.repository.JpaRepository;

interface AdapterTypeRepository extends JpaRepository<AdapterType, String> {

}

package dev.plugboard.registry.taxonomy;

import java.util.List;

import org.springframework.data.jpa.repository.JpaRepository;

interface ArchitectureRepository extends JpaRepository<Architecture, String> {

	List<Architecture> findAllByOrderByNameAsc();

}

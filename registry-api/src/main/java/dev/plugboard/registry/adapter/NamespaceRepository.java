package dev.plugboard.registry.adapter;

import java.util.Optional;

import org.springframework.data.repository.CrudRepository;

interface NamespaceRepository extends CrudRepository<Namespace, Long> {

	Optional<Namespace> findByName(String name);

}

package dev.plugboard.registry.adapter;

import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface NamespaceRepository extends CrudRepository<Namespace, Long> {

	Optional<Namespace> findByName(String name);

	/** Safe when two first adapters of a namespace are created at once. */
	@Modifying
	@Query(value = "insert into namespaces (name) values (:name) on conflict (name) do nothing", nativeQuery = true)
	void createIfMissing(@Param("name") String name);

}

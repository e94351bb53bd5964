package dev.plugboard.registry.adapter;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.LockModeType;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

interface AdapterRepository extends JpaRepository<Adapter, Long>, JpaSpecificationExecutor<Adapter> {

	Optional<Adapter> findByNamespaceAndName(String namespace, String name);

	/** A superset of the pairs asked for: callers keep the exact ones. */
	List<Adapter> findByNamespaceInAndNameIn(Collection<String> namespaces, Collection<String> names);

	/** Serializes publishes and tag moves of one repository. */
	@Lock(LockModeType.PESSIMISTIC_WRITE)
	@Query("select a from Adapter a where a.id = :id")
	Optional<Adapter> lockById(@Param("id") Long id);

	List<Adapter> findByTaskAndSubtaskAndNamespaceOrderByNameAsc(String task, String subtask, String namespace);

	List<Adapter> findByTaskAndSubtaskOrderByNamespaceAscNameAsc(String task, String subtask);

	List<Adapter> findByModelNameAndTaskIsNotNullAndSubtaskIsNotNullAndConfigIdIsNotNullOrderByNamespaceAscNameAsc(
			String modelName);

	@Query("select distinct a.modelName from Adapter a where a.modelName is not null and a.configId is not null"
			+ " and a.task is not null and a.subtask is not null order by a.modelName")
	List<String> indexedModelNames();

	@Query("select a from Adapter a where a.repoType = 'base_model'"
			+ " and lower(concat(a.namespace, '/', a.name)) in :ids")
	List<Adapter> findBaseModelsByLowerId(@Param("ids") java.util.Collection<String> ids);

	@Query("select a.id from Adapter a order by a.id")
	List<Long> allIds();

	@Modifying
	@Query("update Adapter a set a.downloads = a.downloads + 1 where a.id = :id")
	void countDownload(@Param("id") Long id);

}

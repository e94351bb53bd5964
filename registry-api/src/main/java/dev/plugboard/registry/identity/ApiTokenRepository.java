package dev.plugboard.registry.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.CrudRepository;
import org.springframework.data.repository.query.Param;

interface ApiTokenRepository extends CrudRepository<ApiToken, Long> {

	Optional<ApiToken> findByTokenHash(String tokenHash);

	List<ApiToken> findAllByOrderByIdAsc();

	boolean existsByPermissionAndRevokedAtIsNull(String permission);

	@Modifying
	@Query("update ApiToken t set t.lastUsedAt = :when where t.id = :id")
	void markUsed(@Param("id") Long id, @Param("when") Instant when);

}

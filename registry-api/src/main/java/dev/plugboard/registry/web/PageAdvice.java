package dev.plugboard.registry.web;

import dev.plugboard.registry.identity.TokenService;
import dev.plugboard.registry.system.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every page shares: who is looking, and friendly error pages instead of the API's
 * problem documents. Runs before the API's problem handler, but only for the page
 * controllers of this package.
 */
@ControllerAdvice(basePackageClasses = PageAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class PageAdvice {

	private final TokenService tokens;

	PageAdvice(TokenService tokens) {
		this.tokens = tokens;
	}

	@ModelAttribute("viewer")
	Viewer viewer(HttpServletRequest request) {
		return Session.caller(request, this.tokens).map(Viewer::of).orElse(Viewer.ANONYMOUS);
	}

	@ExceptionHandler
	ModelAndView failed(Exception ex, HttpServletRequest request, HttpServletResponse response) {
		int status;
		String title;
		String detail;
		if (ex instanceof MissingServletRequestParameterException
				|| ex instanceof MethodArgumentTypeMismatchException) {
			status = 400;
			title = "Invalid request";
			detail = "A parameter of this page is missing or malformed (" + ex.getMessage() + ")";
		}
		else {
			ProblemDetail problem = ProblemResponses.of(ex);
			status = problem.getStatus();
			boolean internal = ProblemResponses.kindOf(problem).equals("internal-error");
			title = internal ? "Something went wrong" : problem.getTitle();
			detail = internal ? "The hub could not show this page. The failure is in the hub's log."
					: problem.getDetail();
		}
		response.setStatus(status);
		ModelAndView page = new ModelAndView("error-page");
		page.setStatus(org.springframework.http.HttpStatusCode.valueOf(status));
		page.addObject("status", status);
		page.addObject("title", title);
		page.addObject("detail", detail);
		page.addObject("viewer", viewer(request));
		return page;
	}

}

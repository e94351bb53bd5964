// Progressive enhancement only: every page works without this file.
(function () {
	'use strict';

	function copyButtons(root) {
		root.querySelectorAll('.snippet').forEach(function (snippet) {
			var button = snippet.querySelector('button.copy');
			var code = snippet.querySelector('code');
			if (!button || !code || !navigator.clipboard) {
				return;
			}
			button.hidden = false;
			button.addEventListener('click', function () {
				navigator.clipboard.writeText(code.textContent).then(function () {
					button.textContent = 'Copied';
					setTimeout(function () { button.textContent = 'Copy'; }, 1500);
				});
			});
		});
	}

	// Uploads with a progress bar; the answer (the adapter page, or the form listing the problems) replaces the page.
	function uploadProgress() {
		var form = document.getElementById('upload-form');
		if (!form || !window.XMLHttpRequest || !window.FormData) {
			return;
		}
		form.addEventListener('submit', function (event) {
			event.preventDefault();
			var progress = document.getElementById('upload-progress');
			var status = document.getElementById('upload-status');
			var request = new XMLHttpRequest();
			request.open('POST', form.action);
			request.upload.addEventListener('progress', function (e) {
				if (e.lengthComputable) {
					progress.hidden = false;
					progress.value = Math.round(100 * e.loaded / e.total);
					status.textContent = 'Uploading… ' + progress.value + '%';
				}
			});
			request.addEventListener('load', function () {
				if (request.status < 400 && new URL(request.responseURL).pathname !== '/upload') {
					window.location.assign(request.responseURL);
					return;
				}
				var page = new DOMParser().parseFromString(request.responseText, 'text/html');
				var main = page.getElementById('main');
				if (main) {
					document.getElementById('main').replaceWith(main);
					uploadProgress();
				}
				else {
					status.textContent = 'The upload failed (HTTP ' + request.status + ').';
				}
			});
			request.addEventListener('error', function () {
				status.textContent = 'The upload was interrupted; nothing was published.';
			});
			status.textContent = 'Uploading…';
			request.send(new FormData(form));
		});
	}

	document.addEventListener('DOMContentLoaded', function () {
		copyButtons(document);
		uploadProgress();
	});
})();

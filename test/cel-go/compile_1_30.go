//go:build k8s130

// What differs in k8s.io/apiserver v0.30: Compile returns a Filter; the cost of extended
// libraries counts only with the StrictCostEnforcementForVAP gate, off by default in 1.30
// (pkg/features/kube_features.go@v0.30.14: {Default: false, PreRelease: featuregate.Beta}),
// so compilePolicy (pkg/admission/plugin/policy/validating/plugin.go@v0.30.14) uses
// MustBaseEnvSet(DefaultCompatibilityVersion(), false).
package main

import (
	"context"

	admissionregistrationv1 "k8s.io/api/admissionregistration/v1"
	corev1 "k8s.io/api/core/v1"
	"k8s.io/apimachinery/pkg/runtime"
	"k8s.io/apimachinery/pkg/runtime/schema"
	"k8s.io/apiserver/pkg/admission"
	plugincel "k8s.io/apiserver/pkg/admission/plugin/cel"
	"k8s.io/apiserver/pkg/admission/plugin/policy/validating"
	"k8s.io/apiserver/pkg/admission/plugin/webhook/matchconditions"
	celconfig "k8s.io/apiserver/pkg/apis/cel"
	"k8s.io/apiserver/pkg/cel/environment"
)

type evaluator = plugincel.Filter

var template = func() *plugincel.CompositionEnv {
	env, err := plugincel.NewCompositionEnv(plugincel.VariablesTypeName, environment.MustBaseEnvSet(environment.DefaultCompatibilityVersion(), false))
	if err != nil {
		panic(err)
	}
	return env
}()

func newCompiler() *plugincel.CompositedCompiler {
	return plugincel.NewCompositedCompilerFromTemplate(template)
}

func declarations(authorizer bool) plugincel.OptionalVariableDeclarations {
	return plugincel.OptionalVariableDeclarations{HasAuthorizer: authorizer, StrictCost: false}
}

func compile(c *plugincel.CompositedCompiler, exprs []plugincel.ExpressionAccessor, decls plugincel.OptionalVariableDeclarations) evaluator {
	return c.Compile(exprs, decls, environment.StoredExpressions)
}

func compilationErrors(e evaluator) []error {
	return e.CompilationErrors()
}

func match(m matchconditions.Matcher, attr *admission.VersionedAttributes) matchconditions.MatchResult {
	return m.Match(context.Background(), attr, nil, nil)
}

func newValidator(validations evaluator, matcher matchconditions.Matcher, messages evaluator, fp *admissionregistrationv1.FailurePolicyType) validating.Validator {
	return validating.NewValidator(validations, matcher, compile(newCompiler(), nil, declarations(false)), messages, fp)
}

func validate(v validating.Validator, gvr schema.GroupVersionResource, attr *admission.VersionedAttributes, ns *corev1.Namespace) []validating.PolicyDecision {
	return v.Validate(context.Background(), gvr, attr, nil, ns, celconfig.RuntimeCELCostBudget, nil).Decisions
}

func versioned(attr admission.Attributes, object, oldObject runtime.Object, gvk schema.GroupVersionKind) *admission.VersionedAttributes {
	return &admission.VersionedAttributes{Attributes: attr, VersionedObject: object, VersionedOldObject: oldObject, VersionedKind: gvk}
}
